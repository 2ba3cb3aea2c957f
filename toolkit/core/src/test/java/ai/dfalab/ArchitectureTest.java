package ai.dfalab;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The toolkit's packages in the order the data flows (data, models, training, runs), each imported only by those
 * named for it, and no cycle between any two packages (sub-packages included).
 */
class ArchitectureTest {
    private static final JavaClasses TOOLKIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.dfalab");

    /** Each package, and the packages that may import it (none: nothing in the toolkit imports it). */
    private static final Map<String, String[]> USED_BY = new LinkedHashMap<>();

    static {
        USED_BY.put(
                "choice",
                new String[] {"data", "feedback", "layers", "models", "train", "probe", "run", "fit", "bench"});
        USED_BY.put(
                "backend",
                new String[] {"data", "feedback", "layers", "models", "train", "probe", "run", "fit", "bench"});
        USED_BY.put("report", new String[] {"probe", "run", "fit", "bench"});
        USED_BY.put("data", new String[] {"models", "train", "probe", "run", "fit", "bench"});
        USED_BY.put("feedback", new String[] {"train", "probe", "run", "fit", "bench"});
        USED_BY.put("layers", new String[] {"models", "train", "probe", "run", "fit", "bench"});
        USED_BY.put("models", new String[] {"train", "probe", "run", "fit", "bench"});
        USED_BY.put("train", new String[] {"probe", "run", "fit", "bench"});
        USED_BY.put("probe", new String[] {"run", "fit", "bench"});
        USED_BY.put("run", new String[] {"bench"});
        USED_BY.put("fit", new String[0]);
        USED_BY.put("bench", new String[0]);
    }

    @Test
    void packagesImportOnlyDownwards() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : USED_BY.keySet()) {
            layers = layers.layer(name).definedBy("ai.dfalab." + name + "..");
        }
        for (Map.Entry<String, String[]> e : USED_BY.entrySet()) {
            layers = e.getValue().length == 0
                    ? layers.whereLayer(e.getKey()).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(e.getKey()).mayOnlyBeAccessedByLayers(e.getValue());
        }
        layers.check(TOOLKIT);
    }

    @Test
    void noPackageCycles() {
        slices().matching("ai.dfalab.(**)").should().beFreeOfCycles().check(TOOLKIT);
    }
}
