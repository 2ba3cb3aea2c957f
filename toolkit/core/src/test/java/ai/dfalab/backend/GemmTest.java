package ai.dfalab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Every combination of orders and transposes, on whole arrays and on row-slice views, against ND4J's mmul. */
class GemmTest {

    @ParameterizedTest(name = "A {0}{2}, B {1}{3}, C {4}")
    @CsvSource({
        "c,c,false,false,c", "c,c,false,true,c", "c,c,true,false,c", "c,c,true,true,c",
        "f,c,false,false,c", "c,f,false,true,c", "f,f,true,false,c", "c,f,false,false,f",
        "c,c,true,false,f", "f,c,true,false,f", "c,c,false,true,f"
    })
    void matchesMmul(char orderA, char orderB, boolean ta, boolean tb, char orderC) {
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.randn(DataType.FLOAT, ta ? 7 : 5, ta ? 5 : 7).dup(orderA);
        INDArray b = Nd4j.randn(DataType.FLOAT, tb ? 3 : 7, tb ? 7 : 3).dup(orderB);
        INDArray c = Nd4j.randn(DataType.FLOAT, 5, 3).dup(orderC);
        INDArray expected =
                (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).mul(-0.5).add(c.mul(2));
        Gemm.gemm(a, ta, b, tb, c, -0.5, 2.0);
        assertEquals(0, c.sub(expected).amaxNumber().doubleValue(), 1e-5);
    }

    @ParameterizedTest
    @CsvSource({"c", "f"})
    void worksOnViews(char order) {
        Nd4j.getRandom().setSeed(2);
        INDArray big = Nd4j.randn(DataType.FLOAT, 9, 4).dup('c');
        INDArray slice = big.get(NDArrayIndex.interval(0, 6), NDArrayIndex.all()); // first rows, like a unified slice
        INDArray e = Nd4j.randn(DataType.FLOAT, 5, 4);
        INDArray out = Nd4j.create(DataType.FLOAT, new long[] {5, 6}, order);
        Gemm.gemm(e, false, slice, true, out, 1.0, 0.0);
        assertEquals(0, out.sub(e.mmul(slice.transpose())).amaxNumber().doubleValue(), 1e-5);
        INDArray flat = Nd4j.randn(DataType.FLOAT, 1, 100);
        INDArray w = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 34))
                .reshape('f', 6, 4); // like a DL4J weight view
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 6);
        INDArray y = Nd4j.create(DataType.FLOAT, 5, 4);
        Gemm.gemm(x, false, w, false, y, 1.0, 0.0);
        assertEquals(0, y.sub(x.mmul(w)).amaxNumber().doubleValue(), 1e-5);
    }
}
