package kindred.library;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * The version of this build of Kindred: the jar's Implementation-Version when its manifest has one, else the project
 * version Maven records in the jar (META-INF/maven/app.kindred/kindred/pom.properties). Empty when run from classes
 * (a development build).
 */
public final class KindredVersion {

    private static final String POM_PROPERTIES = "/META-INF/maven/app.kindred/kindred/pom.properties";

    private static final Optional<String> VERSION = find();

    private KindredVersion() {
    }

    public static Optional<String> get() {
        return VERSION;
    }

    /** "Kindred 0.1.0", or "Kindred" for a development build: the tool name written into XMP packets. */
    public static String toolName() {
        return VERSION.map(v -> "Kindred " + v).orElse("Kindred");
    }

    private static Optional<String> find() {
        String v = KindredVersion.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return Optional.of(v.strip());
        }
        try (InputStream in = KindredVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pv = p.getProperty("version");
                if (pv != null && !pv.isBlank()) {
                    return Optional.of(pv.strip());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // no version then: a development build
        }
        return Optional.empty();
    }
}
