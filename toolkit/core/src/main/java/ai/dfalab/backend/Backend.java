package ai.dfalab.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J runs on here: the backend, and the environment settings that decide its threads and BLAS kernels. */
public final class Backend {
    private static final boolean CPU =
            Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend");
    private static final String[] SETTINGS = {
        "OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"
    };

    private Backend() {}

    /** Whether arrays live in CPU memory (native buffers Java can read and write directly). */
    public static boolean cpu() {
        return CPU;
    }

    /** Threads OpenBLAS uses for one product (CPU backend; 1 elsewhere). */
    public static int blasThreads() {
        return CPU ? Nd4j.factory().blas().getMaxThreads() : 1;
    }

    /**
     * Sets the threads of one OpenBLAS product and of ND4J's own element-wise ops, for the whole process: independent
     * trainings running side by side each want one (see {@code experiments.Sweep}). No effect off the CPU.
     */
    public static void setThreads(int blas, int nd4j) {
        if (blas < 1 || nd4j < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1, got blas=" + blas + " nd4j=" + nd4j);
        }
        setBlasThreads(blas);
        if (CPU) {
            Nd4j.getEnvironment().setMaxThreads(nd4j);
        }
    }

    /** Sets the threads of one OpenBLAS product only, for the whole process (no effect off the CPU). */
    public static void setBlasThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BLAS threads must be >= 1, got " + threads);
        }
        if (CPU) {
            Nd4j.factory().blas().setMaxThreads(threads); // openblas_set_num_threads, in the library Gemm calls
        }
    }

    /** ND4J's thread count for its own element-wise ops. */
    public static int nd4jThreads() {
        return Nd4j.getEnvironment().maxThreads();
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
