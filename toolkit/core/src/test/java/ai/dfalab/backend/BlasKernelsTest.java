package ai.dfalab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlasKernelsTest {
    private static final Set<String> ZEN5 =
            Set.of("fpu", "sse2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_bf16");
    private static final Set<String> HASWELL = Set.of("fpu", "sse2", "avx", "avx2", "fma");

    @Test
    void anAvx512CpuOnHaswellKernelsIsToldTheSettingThatUsesItsAvx512() {
        String advice = BlasKernels.advice(ZEN5, "Haswell").orElseThrow();
        assertTrue(advice.contains("OPENBLAS_CORETYPE=Haswell runs AVX2 kernels"), advice);
        assertTrue(advice.contains("OPENBLAS_CORETYPE=SKYLAKEX, set before Java starts"), advice);
        assertTrue(advice.contains(BlasKernels.MEASURED), advice);
    }

    @Test
    void anUnsetCoreTypeOnAnAvx512CpuIsNamedAsSuch() {
        String advice = BlasKernels.advice(ZEN5, null).orElseThrow();
        assertTrue(advice.contains("OPENBLAS_CORETYPE is unset"), advice);
    }

    @Test
    void avx512KernelsOrACpuWithoutAvx512GetNoAdvice() {
        assertEquals(Optional.empty(), BlasKernels.advice(ZEN5, "SKYLAKEX"));
        assertEquals(Optional.empty(), BlasKernels.advice(ZEN5, " skylakex "));
        assertEquals(Optional.empty(), BlasKernels.advice(ZEN5, "SapphireRapids"));
        assertEquals(Optional.empty(), BlasKernels.advice(HASWELL, "Haswell"));
        assertEquals(Optional.empty(), BlasKernels.advice(HASWELL, null));
    }

    @Test
    void avx512NeedsEveryExtensionTheSkylakeXKernelsUse() {
        assertTrue(BlasKernels.hasAvx512(ZEN5));
        assertFalse(BlasKernels.hasAvx512(Set.of("avx2", "avx512f")), "avx512f alone (Xeon Phi) lacks bw, dq, vl");
    }

    @Test
    void theFlagsAreThisMachinesOwnOnLinux() {
        Set<String> flags = BlasKernels.cpuFlags();
        if (System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").equals("amd64")) {
            assertTrue(flags.contains("sse2"), "every x86-64 CPU has SSE2, read: " + flags);
        }
    }
}
