package ai.dfalab;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The toolkit's packages in the order the data flows (data, models, training, runs), each importing only those
 * below it, and no cycle between any two packages (sub-packages included).
 */
class ArchitectureTest {
    private static final JavaClasses TOOLKIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.dfalab");

    @Test
    void packagesImportOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("backend")
                .definedBy("ai.dfalab.backend..")
                .layer("report")
                .definedBy("ai.dfalab.report..")
                .layer("data")
                .definedBy("ai.dfalab.data..")
                .layer("feedback")
                .definedBy("ai.dfalab.feedback..")
                .layer("layers")
                .definedBy("ai.dfalab.layers..")
                .layer("models")
                .definedBy("ai.dfalab.models..")
                .layer("train")
                .definedBy("ai.dfalab.train..")
                .layer("probe")
                .definedBy("ai.dfalab.probe..")
                .layer("run")
                .definedBy("ai.dfalab.run..")
                .layer("bench")
                .definedBy("ai.dfalab.bench..")
                .whereLayer("bench")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("run")
                .mayOnlyBeAccessedByLayers("bench")
                .whereLayer("probe")
                .mayOnlyBeAccessedByLayers("run", "bench")
                .whereLayer("train")
                .mayOnlyBeAccessedByLayers("probe", "run", "bench")
                .whereLayer("models")
                .mayOnlyBeAccessedByLayers("train", "probe", "run", "bench")
                .whereLayer("layers")
                .mayOnlyBeAccessedByLayers("models", "train", "probe", "run", "bench")
                .whereLayer("feedback")
                .mayOnlyBeAccessedByLayers("train", "probe", "run", "bench")
                .whereLayer("data")
                .mayOnlyBeAccessedByLayers("models", "train", "probe", "run", "bench")
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("probe", "run", "bench")
                .check(TOOLKIT);
    }

    @Test
    void noPackageCycles() {
        slices().matching("ai.dfalab.(**)").should().beFreeOfCycles().check(TOOLKIT);
    }
}
