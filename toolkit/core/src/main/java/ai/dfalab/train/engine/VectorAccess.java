package ai.dfalab.train.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API's loads and stores of floats in native buffers, on whichever Java runs. The API is incubating and its
 * memory access changed: Java 17 to 19 read and write a {@code ByteBuffer} ({@code fromByteBuffer}), later ones a
 * {@code MemorySegment} ({@code fromMemorySegment}, the buffer seen through {@code MemorySegment.ofBuffer}; a final API
 * from Java 22). The toolkit is compiled for 17, so the newer methods are found once, as constant method handles the
 * JIT inlines; on Java 17 the calls are the direct ones, as before.
 */
final class VectorAccess {
    private static final boolean BYTE_BUFFERS = hasByteBufferMethods();
    private static final MethodHandle LOAD;
    private static final MethodHandle LOAD_MASKED;
    private static final MethodHandle STORE;
    private static final MethodHandle STORE_MASKED;

    static {
        if (BYTE_BUFFERS) {
            LOAD = LOAD_MASKED = STORE = STORE_MASKED = null;
        } else {
            try {
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle ofBuffer =
                        lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class));
                MethodType load = MethodType.methodType(
                        FloatVector.class, VectorSpecies.class, segment, long.class, ByteOrder.class);
                MethodType store = MethodType.methodType(void.class, segment, long.class, ByteOrder.class);
                LOAD = onBuffer(lookup.findStatic(FloatVector.class, "fromMemorySegment", load), ofBuffer);
                LOAD_MASKED = onBuffer(
                        lookup.findStatic(
                                FloatVector.class, "fromMemorySegment", load.appendParameterTypes(VectorMask.class)),
                        ofBuffer);
                STORE = onBuffer(lookup.findVirtual(FloatVector.class, "intoMemorySegment", store), ofBuffer);
                STORE_MASKED = onBuffer(
                        lookup.findVirtual(
                                FloatVector.class, "intoMemorySegment", store.appendParameterTypes(VectorMask.class)),
                        ofBuffer);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException(
                        "The training engine's element-wise kernels use the incubating Vector API"
                                + " (jdk.incubator.vector), whose memory access this Java (" + Runtime.version()
                                + ") offers neither on ByteBuffers (Java 17 to 19) nor on MemorySegments as a final API"
                                + " (Java 22 on): run Java 17, or 22 or later",
                        e);
            }
        }
    }

    private VectorAccess() {}

    private static boolean hasByteBufferMethods() {
        try {
            FloatVector.class.getMethod(
                    "fromByteBuffer", VectorSpecies.class, ByteBuffer.class, int.class, ByteOrder.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** {@code handle} with its segment parameter (the second) taken as a ByteBuffer. */
    private static MethodHandle onBuffer(MethodHandle handle, MethodHandle ofBuffer) {
        MethodHandle adapted = MethodHandles.filterArguments(handle, 1, ofBuffer);
        return adapted.asType(adapted.type().changeParameterType(1, ByteBuffer.class));
    }

    static FloatVector load(VectorSpecies<Float> s, ByteBuffer b, int byteOffset, ByteOrder order) {
        if (BYTE_BUFFERS) {
            return FloatVector.fromByteBuffer(s, b, byteOffset, order);
        }
        try {
            return (FloatVector) LOAD.invokeExact(s, b, (long) byteOffset, order);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static FloatVector load(
            VectorSpecies<Float> s, ByteBuffer b, int byteOffset, ByteOrder order, VectorMask<Float> m) {
        if (BYTE_BUFFERS) {
            return FloatVector.fromByteBuffer(s, b, byteOffset, order, m);
        }
        try {
            return (FloatVector) LOAD_MASKED.invokeExact(s, b, (long) byteOffset, order, m);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void store(FloatVector v, ByteBuffer b, int byteOffset, ByteOrder order) {
        if (BYTE_BUFFERS) {
            v.intoByteBuffer(b, byteOffset, order);
            return;
        }
        try {
            STORE.invokeExact(v, b, (long) byteOffset, order);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static void store(FloatVector v, ByteBuffer b, int byteOffset, ByteOrder order, VectorMask<Float> m) {
        if (BYTE_BUFFERS) {
            v.intoByteBuffer(b, byteOffset, order, m);
            return;
        }
        try {
            STORE_MASKED.invokeExact(v, b, (long) byteOffset, order, m);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** An exception from the handles as it is (they declare Throwable): an index out of bounds, in practice. */
    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(e);
    }
}
