package kindred.app;

import kindred.cli.KindredCommand;

/**
 * Entry point of {@code kindred.jar}: with a command, the command line; with none, the window.
 * (Not a JavaFX Application subclass, so the shaded jar starts without a module path.)
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = new KindredCommand(Services::new, WindowLauncher::open, LibraryLocation.defaultDir(), System.out, System.err)
                .execute(args);
        System.exit(code);
    }
}
