package kindred.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;
import kindred.application.Kindred;
import kindred.library.LibraryException;
import kindred.library.MissingFolderException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kindred}: the command line over the library services. Thin: every command calls a use case and
 * prints its result (text, or one JSON document with {@code --json}). Exit status 0 success, 1 failure
 * (message on stderr says why and what to do), 2 bad usage. With {@code --json} an error is one JSON object on stdout,
 * {@code {"error","message","hint"}}, with the same exit status.
 */
@Command(name = "kindred", mixinStandardHelpOptions = true, versionProvider = KindredCommand.Version.class,
        description = {"Finds the faces in your own photo folders, groups each person's faces, and lets you name them.",
                "Everything stays on this computer. With no command, opens the window."},
        subcommands = {ScanCommand.class, StatusCommand.class, FoldersCommand.class, FacesCommand.class, PeopleCommands.List_.class,
                PeopleCommands.Name.class, SuggestionCommands.List_.class, SuggestionCommands.Confirm.class,
                SuggestionCommands.Reject.class, PeopleCommands.Merge.class, PeopleCommands.Search.class,
                PeopleCommands.Forget.class, PeopleCommands.Recluster.class, ModelsCommand.class, BenchCommand.class,
                EvalCommand.class, XmpCommand.class, TrustCommands.Backup.class, TrustCommands.Restore.class,
                TrustCommands.Log.class, TrustCommands.Audit.class, TrustCommands.ExportData.class, UndoCommand.class,
                RosterCommand.class, ExportCommand.class, WatchCommand.class,
                CommandLine.HelpCommand.class})
public final class KindredCommand implements Runnable {

    @Option(names = "--library", paramLabel = "DIR",
            description = "The library folder (database and caches). Default: $KINDRED_LIBRARY, else the per-user data "
                    + "folder (${sys:user.home}/.local/share/kindred on Linux).")
    Path library;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;

    private final Function<Path, Kindred> servicesFactory;
    private final java.util.function.Consumer<Path> openWindow;
    private final Path defaultLibrary;
    private Kindred services;
    final PrintStream out;
    final PrintStream err;

    /**
     * @param servicesFactory builds the services for a library folder
     * @param openWindow      opens the window on a library folder (no command given)
     */
    public KindredCommand(Function<Path, Kindred> servicesFactory, java.util.function.Consumer<Path> openWindow,
                          Path defaultLibrary, PrintStream out, PrintStream err) {
        this.servicesFactory = servicesFactory;
        this.openWindow = openWindow;
        this.defaultLibrary = defaultLibrary;
        this.out = out;
        this.err = err;
    }

    /** No command: the window. */
    @Override
    public void run() {
        openWindow.accept(libraryDir());
    }

    Path libraryDir() {
        return library != null ? library.toAbsolutePath() : defaultLibrary;
    }

    Kindred services() {
        if (services == null) {
            services = servicesFactory.apply(libraryDir());
        }
        return services;
    }

    Output output() {
        return new Output(out, json);
    }

    /** Runs the command line and returns the exit status. */
    public int execute(String... args) {
        CommandLine cl = new CommandLine(this, new Factory());
        withHelpOptions(cl);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        boolean jsonErrors = java.util.Arrays.asList(args).contains("--json");
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String kind;
            String message;
            if (e instanceof MissingFolderException) {
                kind = "missing_folder";
                message = e.getMessage();
            } else if (e instanceof LibraryException) {
                kind = "library";
                message = e.getMessage();
            } else if (e instanceof UserError) {
                kind = "invalid";
                message = e.getMessage();
            } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                kind = "io";
                message = e.getMessage();
            } else {
                kind = "unexpected";
                message = "unexpected error: " + e + ". Please report it with the command you ran.";
                org.slf4j.LoggerFactory.getLogger(KindredCommand.class).error("unexpected error", e);
            }
            if (jsonErrors) {
                new Output(out, true).json(Output.error(kind, message, null));
            } else {
                err.println("kindred: " + message);
            }
            return 1;
        });
        if (jsonErrors) {
            cl.setParameterExceptionHandler((e, a) -> {
                String name = e.getCommandLine().getCommandSpec().qualifiedName(" ");
                new Output(out, true).json(Output.error("usage", e.getMessage(),
                        "Run `" + name + " --help` for what it takes."));
                return 2;
            });
        }
        try {
            return cl.execute(args);
        } finally {
            if (services != null) {
                services.close();
            }
        }
    }

    /**
     * Gives every command under {@code c} the root's {@code -h/--help} and {@code -V/--version} (`kindred scan --help`
     * printed "Missing required parameter" before its usage). Commands that have a help option of their own (picocli's
     * {@code help}) keep it.
     */
    private static void withHelpOptions(CommandLine c) {
        for (CommandLine sub : c.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!spec.mixinStandardHelpOptions() && spec.findOption("--help") == null) {
                spec.mixinStandardHelpOptions(true);
                spec.versionProvider(c.getCommandSpec().root().versionProvider());
            }
            withHelpOptions(sub);
        }
    }

    /** Builds subcommands; they reach the root through {@code @ParentCommand}. */
    private final class Factory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** A mistake a user can fix; printed without a stack trace, exit 1. */
    static final class UserError extends RuntimeException {
        UserError(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Kindred " + kindred.library.KindredVersion.get().orElse("development build")};
        }
    }
}
