package kindred.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Locale;

/** Writes a command's result: one JSON document with {@code --json}, else text for people. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(Object document) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One JSON object on one line (commands that print as they go, like {@code watch}). */
    void jsonLine(Object document) {
        try {
            out.println(LINES.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper LINES = new ObjectMapper();

    void line(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    }

    /**
     * An error as JSON: {@code error} a short key (usage, invalid, library, missing_folder, io, unexpected), {@code message}
     * what happened, {@code hint} what to do. A message of several sentences whose hint is not given is split after
     * its first sentence: "The folder X does not exist. Check the path..." gives the hint "Check the path...".
     */
    static java.util.Map<String, Object> error(String kind, String message, String hint) {
        String what = message == null ? "" : message.strip();
        String todo = hint;
        if (todo == null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[.!?)]\\s+(?=[A-Z`])").matcher(what);
            if (m.find()) {
                todo = what.substring(m.end()).strip();
                what = what.substring(0, m.start() + 1).strip();
            }
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("error", kind);
        m.put("message", what);
        m.put("hint", todo);
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
