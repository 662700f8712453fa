package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every class of kindred.vision whose code touches a JavaCPP class (calls it, makes one, reads its fields) first
 * loads the native libraries in one fixed order ({@link NativeLibraries#load()} in its static initialiser, or
 * its enclosing class's when nothing else can reach it), so that
 * no two threads ever start initialising JavaCPP classes in different orders (the start-up deadlock of
 * NativeStartDeadlockTest).
 */
class NativeLibrariesGuardTest {

    private static JavaClasses vision;

    @BeforeAll
    static void importClasses() {
        vision = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kindred.vision");
    }

    @Test
    void everyClassThatTouchesJavaCppLoadsTheNativeLibrariesInItsStaticInitialiser() {
        List<String> users = vision.stream().filter(NativeLibrariesGuardTest::touchesJavaCpp).map(JavaClass::getName).toList();
        List<String> unguarded = vision.stream()
                .filter(NativeLibrariesGuardTest::touchesJavaCpp)
                .filter(c -> !c.equals(vision.get(NativeLibraries.class)))
                .filter(c -> !guarded(c))
                .map(JavaClass::getName)
                .toList();

        assertThat(users).as("classes of kindred.vision that touch JavaCPP").isNotEmpty();
        assertThat(unguarded).as("classes that touch JavaCPP without NativeLibraries.load() in their static initialiser")
                .isEmpty();
    }

    @Test
    void theLoadOrderNamesOnlyClassesOnTheClassPath() {
        assertThat(NativeLibraries.LOAD_ORDER).allSatisfy(name ->
                assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull());
    }

    /** Code of the class (not just a field's or a parameter's type) calls, constructs or reads an org.bytedeco class. */
    private static boolean touchesJavaCpp(JavaClass c) {
        return c.getAccessesFromSelf().stream().map(JavaAccess::getTargetOwner)
                .anyMatch(owner -> owner.getPackageName().startsWith("org.bytedeco"));
    }

    /**
     * Loads first itself, or runs only inside a class that does: an anonymous, local or private nested class's code
     * runs only when code of its enclosing class calls it, after that class's static initialiser.
     */
    private static boolean guarded(JavaClass c) {
        if (loadsFirst(c)) {
            return true;
        }
        boolean reachableOnlyFromItsEnclosingClass = c.isAnonymousClass() || c.isLocalClass()
                || c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PRIVATE);
        return reachableOnlyFromItsEnclosingClass && c.getEnclosingClass().map(NativeLibrariesGuardTest::guarded).orElse(false);
    }

    /** Its static initialiser calls NativeLibraries.load() before anything else. */
    private static boolean loadsFirst(JavaClass c) {
        return c.getStaticInitializer()
                .map(init -> init.getAccessesFromSelf().stream()
                        .min(java.util.Comparator.comparingInt(JavaAccess::getLineNumber))
                        .filter(first -> first.getTargetOwner().isEquivalentTo(NativeLibraries.class)
                                && first.getName().equals("load"))
                        .isPresent())
                .orElse(false);
    }
}
