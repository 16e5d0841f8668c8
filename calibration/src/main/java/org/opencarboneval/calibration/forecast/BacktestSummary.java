package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.opencarboneval.calibration.Range;

/**
 * A corpus of replayed runs summed up per checkpoint: for the live forecast and each {@link Baseline}, the median and
 * 90th-percentile absolute error of the total energy over the runs that had a forecast there, and how often the live
 * forecast's 90% interval held. A baseline that only some runs have by then (a completed epoch) is easier to read
 * against the live forecast's median over those same runs, which each baseline's errors carry too, with how far
 * apart the two medians are and how sure that is: on a few hundred runs a median moves by tenths of a point when a
 * handful of runs near it do.
 */
public final class BacktestSummary {

    /**
     * One method at one checkpoint; {@code liveMedian} is the live forecast's median error over the same runs (NaN
     * where none of them had a live forecast), {@code liveCloser} the share of those runs where the live forecast
     * came closer to the final total (a tie, within {@value #TIE} of the total, counts half). {@code liveGap} is the
     * live forecast's median error minus this method's over the runs both forecast, with the 5% and 95% quantiles
     * of that gap over {@value #RESAMPLES} resamples of those runs (seeded, so a rerun prints the same); empty for
     * the live forecast itself and below {@value #MIN_PAIRS} such runs, too few to resample.
     */
    public record Errors(int runs, double median, double p90, double liveMedian, double liveCloser,
                         Optional<Range> liveGap) {
    }

    /**
     * One checkpoint: the errors of each method, keyed "live" and by baseline label, and the interval's record: how
     * often it held, and its median width as a share of the final total (NaN where no run had one).
     */
    public record Row(double progress, Map<String, Errors> errors, int held, int withInterval, double medianWidth) {
    }

    /** Errors closer than this (a millionth of the total) are a tie: rounding, not forecasting. */
    static final double TIE = 1e-6;
    static final int RESAMPLES = 2000;
    static final int MIN_PAIRS = 10;
    private static final long SEED = 20261202L;

    private final double[] shares;
    private final List<List<Backtest.Checkpoint>> runs = new ArrayList<>();

    public BacktestSummary(double[] shares) {
        this.shares = shares.clone();
    }

    public void add(List<Backtest.Checkpoint> run) {
        runs.add(run);
    }

    public int runs() {
        return runs.size();
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (double share : shares) {
            List<Backtest.Checkpoint> at = runs.stream()
                .flatMap(run -> run.stream().filter(c -> c.progress() == share))
                .toList();
            Map<String, Errors> errors = new LinkedHashMap<>();
            errors.put("live", errors(at, Backtest.Checkpoint::liveError, false));
            for (Baseline baseline : Baseline.values()) {
                errors.put(baseline.label(), errors(at, c -> c.baselineError(baseline), true));
            }
            int held = (int) at.stream().filter(c -> c.intervalHeld().orElse(false)).count();
            int withInterval = (int) at.stream().filter(c -> c.intervalHeld().isPresent()).count();
            double medianWidth = quantile(absoluteSorted(at, Backtest.Checkpoint::intervalWidth), 0.5);
            rows.add(new Row(share, errors, held, withInterval, medianWidth));
        }
        return rows;
    }

    /** The interval's record over every checkpoint of every run: held, of those with a live forecast. */
    public int[] coverage() {
        int held = 0;
        int all = 0;
        for (List<Backtest.Checkpoint> run : runs) {
            for (Backtest.Checkpoint checkpoint : run) {
                boolean summed = Arrays.stream(shares).anyMatch(share -> share == checkpoint.progress());
                if (summed && checkpoint.intervalHeld().isPresent()) {
                    all++;
                    held += checkpoint.intervalHeld().get() ? 1 : 0;
                }
            }
        }
        return new int[] {held, all};
    }

    private static Errors errors(List<Backtest.Checkpoint> at, Function<Backtest.Checkpoint, Optional<Double>> error,
                                 boolean againstLive) {
        List<Backtest.Checkpoint> with = at.stream().filter(c -> error.apply(c).isPresent()).toList();
        double[] absolute = absoluteSorted(with, error);
        double[] live = absoluteSorted(with, Backtest.Checkpoint::liveError);
        List<double[]> pairs = new ArrayList<>(); // |live error|, |this method's error|
        double closer = 0;
        for (Backtest.Checkpoint checkpoint : with) {
            Optional<Double> liveError = checkpoint.liveError();
            if (liveError.isPresent()) {
                double[] pair = {Math.abs(liveError.get()), Math.abs(error.apply(checkpoint).get())};
                pairs.add(pair);
                double margin = pair[1] - pair[0];
                closer += Math.abs(margin) < TIE ? 0.5 : margin > 0 ? 1 : 0;
            }
        }
        return new Errors(absolute.length, quantile(absolute, 0.5), quantile(absolute, 0.9), quantile(live, 0.5),
            pairs.isEmpty() ? Double.NaN : closer / pairs.size(),
            againstLive && pairs.size() >= MIN_PAIRS ? Optional.of(medianGap(pairs)) : Optional.empty());
    }

    /**
     * The live median minus the other's over these runs, between the 5% and 95% quantiles of it over resampled runs
     * (a percentile interval, which for a median need not hold the gap itself).
     */
    private static Range medianGap(List<double[]> pairs) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] gaps = new double[RESAMPLES];
        double[] live = new double[pairs.size()];
        double[] other = new double[pairs.size()];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < live.length; i++) {
                double[] pair = pairs.get(random.nextInt(pairs.size()));
                live[i] = pair[0];
                other[i] = pair[1];
            }
            gaps[r] = sortedMedian(live) - sortedMedian(other);
        }
        Arrays.sort(gaps);
        for (int i = 0; i < live.length; i++) {
            live[i] = pairs.get(i)[0];
            other[i] = pairs.get(i)[1];
        }
        return new Range(quantile(gaps, 0.05), sortedMedian(live) - sortedMedian(other), quantile(gaps, 0.95));
    }

    /** The median of these values, sorting them in place. */
    private static double sortedMedian(double[] values) {
        Arrays.sort(values);
        return quantile(values, 0.5);
    }

    private static double[] absoluteSorted(List<Backtest.Checkpoint> at,
                                           Function<Backtest.Checkpoint, Optional<Double>> error) {
        return at.stream().map(error).flatMap(Optional::stream).mapToDouble(Math::abs).sorted().toArray();
    }

    /** The linearly interpolated {@code q} quantile of sorted values; NaN for none. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
