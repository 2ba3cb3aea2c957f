package ai.dfalab.blas;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J runs on here: the backend, and the environment settings that decide its threads and BLAS kernels. */
public final class Backend {
    private static final boolean CPU = Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
    private static final String[] SETTINGS = {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"};

    private Backend() {
    }

    /** Whether arrays live in CPU memory (native buffers Java can read and write directly). */
    public static boolean cpu() {
        return CPU;
    }

    /** The thread and BLAS environment variables as set for this process ("null" where unset), for provenance. */
    public static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        for (String env : SETTINGS) {
            s.put(env, String.valueOf(System.getenv(env)));
        }
        return s;
    }
}
