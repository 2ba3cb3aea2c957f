package ai.dfalab.cli;

import ai.dfalab.layers.Activations;
import java.util.function.DoublePredicate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters of the command line's numbers and activation: each turns away, at parse time and in one line that
 * quotes the value and says what is allowed, a value no run can use (picocli names the flag in front of it).
 */
final class Values {
    /**
     * Above 1 an SGD step moves a weight by more than its gradient; every run of the paper uses at most 1e-2, so a
     * larger value is a typo (1e6 for 1e-6), not an experiment.
     */
    static final int MAX_LEARNING_RATE = 1;

    private Values() {}

    /** A whole number of at least {@code min}; picocli wants a class per converter, hence the subclasses. */
    private abstract static class AtLeast implements ITypeConverter<Integer> {
        private final int min;

        AtLeast(int min) {
            this.min = min;
        }

        @Override
        public Integer convert(String value) {
            return atLeast(value, min);
        }
    }

    static final class AtLeastOne extends AtLeast {
        AtLeastOne() {
            super(1);
        }
    }

    static final class AtLeastZero extends AtLeast {
        AtLeastZero() {
            super(0);
        }
    }

    static final class AtLeastTwo extends AtLeast {
        AtLeastTwo() {
            super(2);
        }
    }

    /** VGG-16's first convolution has 64 filters: a divisor must leave a whole number of them. */
    static final class WidthDivisor implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int divisor = atLeast(value, 1);
            if (64 % divisor != 0) {
                throw new TypeConversionException(
                        quote(value) + " does not divide 64 (allowed: 1, 2, 4, 8, 16, 32, 64)");
            }
            return divisor;
        }
    }

    static final class LearningRate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return within(
                    value,
                    rate -> rate > 0 && rate <= MAX_LEARNING_RATE,
                    "a learning rate (allowed: a number > 0 and <= " + MAX_LEARNING_RATE + ")");
        }
    }

    static final class DropRate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return within(value, rate -> rate >= 0 && rate < 1, "a drop rate (allowed: a number >= 0 and < 1)");
        }
    }

    /** {@code value} as a finite number that {@code allowed} accepts, or an error saying it is not {@code what}. */
    private static double within(String value, DoublePredicate allowed, String what) {
        double x = number(value);
        if (!allowed.test(x)) {
            throw new TypeConversionException(quote(value) + " is not " + what);
        }
        return x;
    }

    /** An activation's canonical name: {@code TANH} is {@code tanh}, so both name the same run. */
    static final class Activation extends Choices.Of<String> {
        Activation() {
            super(Activations::canonical);
        }
    }

    private static int atLeast(String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(quote(value) + " is not an integer (allowed: an integer >= " + min + ")");
        }
        if (n < min) {
            throw new TypeConversionException(quote(value) + " is too small (allowed: an integer >= " + min + ")");
        }
        return n;
    }

    /** A finite number: Java's parser takes "NaN", "Infinity" and 1e999 (infinite), none of them usable. */
    private static double number(String value) {
        double x;
        try {
            x = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        if (!Double.isFinite(x)) {
            throw new TypeConversionException(quote(value) + " is not a finite number");
        }
        return x;
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }
}
