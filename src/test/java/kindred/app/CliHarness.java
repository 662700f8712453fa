package kindred.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import kindred.cli.KindredCommand;

/** Runs the real command line in-process on a library folder, as `java -jar kindred.jar` would. */
final class CliHarness {

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    private final Path library;

    CliHarness(Path library) {
        this.library = library;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 2];
        full[0] = "--library";
        full[1] = library.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int exit = new KindredCommand(Services::new, dir -> {
            throw new AssertionError("no window in tests");
        }, library, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).execute(full);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path testPhotos() {
        return Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"));
    }

    static Path shared() {
        return Path.of(System.getProperty("kindred.shared", "../shared"));
    }
}
