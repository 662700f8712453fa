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
        // `kindred watch` indexes in the background of whatever else the machine does: its workers run low, as the window's.
        java.util.function.Function<java.nio.file.Path, kindred.application.Kindred> services =
                firstCommand(args).equals("watch") ? Services::forWindow : Services::new;
        int code = new KindredCommand(services, WindowLauncher::open, LibraryLocation.defaultDir(), System.out, System.err)
                .execute(args);
        System.exit(code);
    }

    /** The command named on the command line ("" for none): the first argument that is not an option or its value. */
    static String firstCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--library")) {
                i++; // its value
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return "";
    }
}
