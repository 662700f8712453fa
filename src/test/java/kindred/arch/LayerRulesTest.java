package kindred.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of docs/architecture.md, checked on the compiled classes. */
class LayerRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("kindred");
    }

    @Test
    void onlyTheUiImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("kindred.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void onlyTheStoreImportsJdbc() {
        noClasses().that().resideOutsideOfPackage("kindred.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void onlyVisionImportsJavaCv() {
        noClasses().that().resideOutsideOfPackage("kindred.vision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
                .check(classes);
    }

    @Test
    void theCoreDependsOnNoAdapter() {
        noClasses().that().resideInAnyPackage("kindred.library..", "kindred.model..", "kindred.clustering..")
                .should().dependOnClassesThat().resideInAnyPackage("kindred.store..", "kindred.vision..", "kindred.ui..",
                        "kindred.cli..", "kindred.app..", "kindred.worker..", "kindred.metadata..")
                .check(classes);
    }

    @Test
    void modelRecordsDependOnNothingOfKindred() {
        noClasses().that().resideInAPackage("kindred.model..")
                .should().dependOnClassesThat().resideInAnyPackage("kindred.library..", "kindred.clustering..")
                .check(classes);
    }

    @Test
    void clusteringIsPureJava() {
        noClasses().that().resideInAPackage("kindred.clustering..")
                .should().dependOnClassesThat().resideInAnyPackage("kindred.library..", "java.sql..", "org.bytedeco..", "javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noPackageCyclesInTheCore() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("kindred.(**)")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void theWindowAndTheCommandLineUseTheApplicationNotItsParts() {
        noClasses().that().resideInAnyPackage("kindred.cli..", "kindred.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("kindred.store..", "kindred.worker..", "kindred.vision..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kindred.library.LibraryStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kindred.library.PeopleStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("kindred.library.Indexer")
                .check(classes);
    }

    @Test
    void thePagesOfTheWindowShareOnlyTheCommonParts() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("kindred.ui.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("kindred.ui.common"))
                .check(classes);
    }

    @Test
    void onlyTheWindowShellKnowsItsPages() {
        noClasses().that().resideInAPackage("kindred.ui.*..")
                .should().dependOnClassesThat().resideInAPackage("kindred.ui")
                .check(classes);
    }
}
