package kindred.app;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Entry point of {@code kindred.jar} and of the installed program: starts {@link Main} with JavaFX loaded as the named
 * modules it is made to be, not from the class path.
 *
 * <p>JavaFX loaded from the class path works but says "WARNING: Unsupported JavaFX configuration: classes were loaded
 * from 'unnamed module'" on every window start, and is not a configuration its developers test. The JavaFX jars are
 * therefore not inside kindred.jar but in a {@value #JAVAFX_DIR} folder next to it (the build copies them to
 * {@code target/javafx/}, the installer into the program's {@code app/} folder). This class, which uses no JavaFX
 * itself, puts them in a module layer and loads Kindred from the class path with a class loader whose parent is that
 * layer's: Kindred's classes see JavaFX's modules, exactly as with {@code --module-path javafx --add-modules ...}, and
 * {@code java -jar kindred.jar} needs no option.
 *
 * <p>When JavaFX is already a named module (started with {@code --module-path}) or is on the class path with no
 * {@value #JAVAFX_DIR} folder (an IDE, the tests), Main runs as it is. The command line never starts JavaFX, so it works
 * without the folder too.
 */
public final class Launcher {

    /** The folder next to kindred.jar holding the JavaFX module jars (of this system, with their natives). */
    static final String JAVAFX_DIR = "javafx";

    /** Overrides where the JavaFX module jars are: a path list of jars or folders (the tests point it at Maven's). */
    static final String JAVAFX_PATH_PROPERTY = "kindred.javafx.path";

    /** The JavaFX module the window uses (its own dependencies, javafx.base and javafx.graphics, follow). */
    static final Set<String> JAVAFX_MODULES = Set.of("javafx.controls");

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        launch("kindred.app.Main", args);
    }

    /** Runs {@code mainClass}'s main with JavaFX as named modules when they can be found (see the class comment). */
    static void launch(String mainClass, String[] args) throws Throwable {
        List<Path> javafx = ModuleLayer.boot().findModule("javafx.graphics").isPresent() ? List.of() : javafxJars();
        ClassLoader loader;
        if (javafx.isEmpty()) {
            loader = Launcher.class.getClassLoader();
        } else {
            ModuleLayer.Controller layer = javafxLayer(javafx);
            URLClassLoader kindred = new URLClassLoader("kindred", classPath(javafx), layer.layer().findLoader("javafx.graphics"));
            // ControlsFX reaches into JavaFX's internals (com.sun.javafx.event, skins by reflection), as ControlsFX's
            // documentation lists with --add-exports/--add-opens: JavaFX's packages are open to Kindred's class path,
            // as they were when JavaFX itself was on the class path.
            for (Module m : layer.layer().modules()) {
                for (String pn : m.getPackages()) {
                    layer.addExports(m, pn, kindred.getUnnamedModule());
                    layer.addOpens(m, pn, kindred.getUnnamedModule());
                }
            }
            loader = kindred;
        }
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class.forName(mainClass, true, loader).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The JavaFX module jars: {@value #JAVAFX_PATH_PROPERTY}, else the {@value #JAVAFX_DIR} folder next to this jar. */
    static List<Path> javafxJars() throws IOException {
        List<Path> places = new ArrayList<>();
        String property = System.getProperty(JAVAFX_PATH_PROPERTY);
        if (property != null && !property.isBlank()) {
            for (String p : property.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    places.add(Path.of(p));
                }
            }
        } else {
            Path home = codeHome();
            if (home != null) {
                places.add(home.resolve(JAVAFX_DIR));
            }
        }
        List<Path> jars = new ArrayList<>();
        for (Path p : places) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
                }
            } else if (Files.isRegularFile(p)) {
                jars.add(p);
            }
        }
        // Maven also resolves OpenJFX's empty platform-less jars (automatic modules such as "javafx.baseEmpty"): only
        // the real modules are used.
        return jars.stream().filter(j -> ModuleFinder.of(j).findAll().stream()
                .anyMatch(m -> !m.descriptor().isAutomatic() && m.descriptor().name().startsWith("javafx."))).toList();
    }

    /** The folder of the jar (or classes folder's parent) this class was loaded from; null when unknown. */
    private static Path codeHome() {
        try {
            var source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path where = Path.of(source.getLocation().toURI());
            return where.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static ModuleLayer.Controller javafxLayer(List<Path> jars) {
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        Set<String> wanted = new java.util.HashSet<>();
        for (ModuleReference m : finder.findAll()) {
            if (JAVAFX_MODULES.contains(m.descriptor().name())) {
                wanted.add(m.descriptor().name());
            }
        }
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), wanted);
        return ModuleLayer.defineModulesWithOneLoader(cf, List.of(boot), ClassLoader.getPlatformClassLoader());
    }

    /**
     * The class path this JVM was started with, as URLs (kindred.jar alone for {@code java -jar}), without the JavaFX
     * jars (jpackage puts every jar of the program's folder on it, app/javafx/ too): JavaFX comes from the layer only.
     */
    private static URL[] classPath(List<Path> javafx) throws MalformedURLException {
        Set<Path> skip = new java.util.HashSet<>();
        javafx.forEach(j -> skip.add(j.toAbsolutePath().normalize()));
        List<URL> urls = new ArrayList<>();
        for (String p : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!p.isBlank() && !skip.contains(Path.of(p).toAbsolutePath().normalize())) {
                urls.add(Path.of(p).toAbsolutePath().toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
