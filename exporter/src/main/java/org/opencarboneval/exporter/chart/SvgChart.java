package org.opencarboneval.exporter.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A small line chart as inline SVG, with no script and no external resource: lines, shaded bands, horizontal
 * reference levels, axes with round ticks in a readable unit, and a legend. The status page and {@code report --html}
 * both draw with it. Every mark carries the id given to it, so a test (or a stylesheet) can find it.
 *
 * <p>Points whose value is not finite break a line rather than dropping to zero.
 */
public final class SvgChart {

    private static final int WIDTH = 640;
    private static final int PLOT_HEIGHT = 190;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int BOTTOM = 40;
    private static final int LEGEND_ROW = 15;
    private static final double LEGEND_CHAR = 6.2;
    private static final double BAND_OPACITY = 0.25;

    /** Something drawn on the chart, named in the legend. */
    private interface Mark {
        String label();

        String colour();

        /** How opaque the mark's swatch in the legend is: a band is drawn translucent. */
        default double opacity() {
            return 1;
        }

        /** Widens the ranges to cover the mark's finite points. */
        void cover(Range xs, Range ys);

        void draw(StringBuilder svg, Axis.Layout across, Axis.Layout up);
    }

    private record Line(String id, String label, String colour, double[] xs, double[] ys, boolean dashed)
            implements Mark {

        @Override
        public void cover(Range xRange, Range yRange) {
            SvgChart.cover(xRange, yRange, xs, ys);
        }

        @Override
        public void draw(StringBuilder svg, Axis.Layout across, Axis.Layout up) {
            StringBuilder d = new StringBuilder();
            boolean drawing = false;
            int last = -1;
            int points = 0;
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                    drawing = false;
                    continue;
                }
                d.append(drawing ? 'L' : 'M').append(point(across, up, xs[i], ys[i]));
                drawing = true;
                last = i;
                points++;
            }
            svg.append(String.format(Locale.ROOT, "<path id=\"%s\" class=\"line\" d=\"%s\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"2\"%s/>", Markup.escape(id), d, colour, dashed ? " stroke-dasharray=\"6 4\"" : ""));
            if (points == 1) {
                // one point makes no visible line; a dot shows it
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                    across.pixel(xs[last]), up.pixel(ys[last]), colour));
            }
        }
    }

    private record Band(String id, String label, String colour, double[] xs, double[] lows, double[] highs)
            implements Mark {

        @Override
        public double opacity() {
            return BAND_OPACITY;
        }

        @Override
        public void cover(Range xRange, Range yRange) {
            SvgChart.cover(xRange, yRange, xs, lows);
            SvgChart.cover(xRange, yRange, xs, highs);
        }

        @Override
        public void draw(StringBuilder svg, Axis.Layout across, Axis.Layout up) {
            // only where both bounds are known: a band cannot break as a line does
            int[] known = IntStream.range(0, xs.length).filter(i -> Double.isFinite(xs[i])
                && Double.isFinite(lows[i]) && Double.isFinite(highs[i])).toArray();
            if (known.length == 0) {
                return;
            }
            StringBuilder d = new StringBuilder();
            for (int k = 0; k < known.length; k++) {
                d.append(k == 0 ? 'M' : 'L').append(point(across, up, xs[known[k]], highs[known[k]]));
            }
            for (int k = known.length - 1; k >= 0; k--) {
                d.append('L').append(point(across, up, xs[known[k]], lows[known[k]]));
            }
            svg.append(String.format(Locale.ROOT, "<path id=\"%s\" class=\"band\" d=\"%sZ\" fill=\"%s\" fill-opacity=\"%.2f\" "
                + "stroke=\"none\"/>", Markup.escape(id), d, colour, BAND_OPACITY));
        }
    }

    private record Level(String id, String label, String colour, double y) implements Mark {

        @Override
        public void cover(Range xRange, Range yRange) {
            if (Double.isFinite(y)) {
                yRange.add(y);
            }
        }

        @Override
        public void draw(StringBuilder svg, Axis.Layout across, Axis.Layout up) {
            if (!Double.isFinite(y)) {
                return;
            }
            svg.append(String.format(Locale.ROOT, "<path id=\"%s\" class=\"level\" d=\"M%.1f %.1fH%.1f\" "
                + "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>", Markup.escape(id), across.from(),
                up.pixel(y), across.to(), colour));
        }
    }

    private record Dot(String id, String label, String colour, double x, double y) implements Mark {

        @Override
        public void cover(Range xRange, Range yRange) {
            SvgChart.cover(xRange, yRange, new double[] {x}, new double[] {y});
        }

        @Override
        public void draw(StringBuilder svg, Axis.Layout across, Axis.Layout up) {
            if (Double.isFinite(x) && Double.isFinite(y)) {
                svg.append(String.format(Locale.ROOT, "<circle id=\"%s\" class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" "
                    + "r=\"4\" fill=\"%s\"/>", Markup.escape(id), across.pixel(x), up.pixel(y), colour));
            }
        }
    }

    private final String id;
    private final String title;
    private final Axis x;
    private final Axis y;
    private final List<Mark> marks = new ArrayList<>();

    /** @param id the SVG element's id; the marks' ids should start with it to stay unique on a page */
    public SvgChart(String id, String title, Axis x, Axis y) {
        this.id = id;
        this.title = title;
        this.x = x;
        this.y = y;
    }

    public SvgChart line(String markId, String label, String colour, double[] xs, double[] ys) {
        marks.add(new Line(markId, label, colour, xs.clone(), ys.clone(), false));
        return this;
    }

    /** A line drawn dashed: a prediction rather than a measurement. */
    public SvgChart dashedLine(String markId, String label, String colour, double[] xs, double[] ys) {
        marks.add(new Line(markId, label, colour, xs.clone(), ys.clone(), true));
        return this;
    }

    /** The area between {@code lows} and {@code highs}, shaded. */
    public SvgChart band(String markId, String label, String colour, double[] xs, double[] lows, double[] highs) {
        marks.add(new Band(markId, label, colour, xs.clone(), lows.clone(), highs.clone()));
        return this;
    }

    /** A horizontal line across the chart, e.g. the measured total every forecast aims at. */
    public SvgChart level(String markId, String label, String colour, double value) {
        marks.add(new Level(markId, label, colour, value));
        return this;
    }

    /** One point marked, e.g. where the run is now. */
    public SvgChart dot(String markId, String label, String colour, double x, double y) {
        marks.add(new Dot(markId, label, colour, x, y));
        return this;
    }

    public String svg() {
        Range xs = new Range();
        Range ys = new Range();
        marks.forEach(mark -> mark.cover(xs, ys));
        List<List<Mark>> legendRows = legendRows();
        int top = 8 + LEGEND_ROW * Math.max(1, legendRows.size());
        int height = top + PLOT_HEIGHT + BOTTOM;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
            + "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"><title>%s</title>",
            Markup.escape(id), WIDTH, height, Markup.escape(title)));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        if (xs.isEmpty()) {
            svg.append(text(WIDTH / 2.0, height / 2.0, "middle", "#5a6b5d", "no data yet"));
            return svg.append("</svg>").toString();
        }
        Axis.Layout across = x.layout(xs.low, xs.high, false, LEFT, WIDTH - RIGHT);
        Axis.Layout up = y.layout(ys.low, ys.high, true, top + PLOT_HEIGHT, top);
        axes(svg, across, up);
        marks.forEach(mark -> mark.draw(svg, across, up));
        legend(svg, legendRows);
        return svg.append("</svg>").toString();
    }

    private void axes(StringBuilder svg, Axis.Layout across, Axis.Layout up) {
        for (Axis.Tick tick : up.ticks()) {
            double at = up.pixel(tick.value());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"#e1e6e1\"/>", across.from(), across.to(), at, at));
            svg.append(text(across.from() - 6, at + 4, "end", "#5a6b5d", tick.label()));
        }
        for (Axis.Tick tick : across.ticks()) {
            double at = across.pixel(tick.value());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"#5a6b5d\"/>", at, at, up.from(), up.from() + 4));
            svg.append(text(at, up.from() + 16, "middle", "#5a6b5d", tick.label()));
        }
        svg.append(String.format(Locale.ROOT, "<path class=\"axes\" d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\" "
            + "stroke=\"#5a6b5d\"/>", across.from(), up.to(), up.from(), across.to()));
        svg.append(text((across.from() + across.to()) / 2, up.from() + 34, "middle", "#1d2a1f",
            x.title() + " (" + across.scale().symbol() + ")"));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %.1f) rotate(-90)\" "
            + "text-anchor=\"middle\" fill=\"#1d2a1f\">%s</text>", (up.from() + up.to()) / 2,
            Markup.escape(y.title() + " (" + up.scale().symbol() + ")")));
    }

    /** The marks' legend entries, wrapped into rows that fit the chart's width. */
    private List<List<Mark>> legendRows() {
        List<List<Mark>> rows = new ArrayList<>();
        double at = Double.POSITIVE_INFINITY;
        for (Mark mark : marks) {
            double width = legendWidth(mark);
            if (at + width > WIDTH - RIGHT) {
                rows.add(new ArrayList<>());
                at = LEFT;
            }
            rows.get(rows.size() - 1).add(mark);
            at += width;
        }
        return rows;
    }

    private static void legend(StringBuilder svg, List<List<Mark>> rows) {
        for (int row = 0; row < rows.size(); row++) {
            double at = LEFT;
            double baseline = 16 + row * LEGEND_ROW;
            for (Mark mark : rows.get(row)) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"8\" "
                    + "fill=\"%s\" fill-opacity=\"%.2f\"/>", at, baseline - 8, mark.colour(), mark.opacity()));
                svg.append(text(at + 16, baseline, "start", "#1d2a1f", mark.label()));
                at += legendWidth(mark);
            }
        }
    }

    private static double legendWidth(Mark mark) {
        return 28 + LEGEND_CHAR * mark.label().length();
    }

    private static String text(double px, double py, String anchor, String colour, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>",
            px, py, anchor, colour, Markup.escape(content));
    }

    private static String point(Axis.Layout across, Axis.Layout up, double x, double y) {
        return String.format(Locale.ROOT, "%.1f %.1f", across.pixel(x), up.pixel(y));
    }

    private static void cover(Range xs, Range ys, double[] pointsX, double[] pointsY) {
        for (int i = 0; i < pointsX.length; i++) {
            if (Double.isFinite(pointsX[i]) && Double.isFinite(pointsY[i])) {
                xs.add(pointsX[i]);
                ys.add(pointsY[i]);
            }
        }
    }

    /** The smallest and largest finite value seen. */
    private static final class Range {
        private double low = Double.POSITIVE_INFINITY;
        private double high = Double.NEGATIVE_INFINITY;

        void add(double value) {
            low = Math.min(low, value);
            high = Math.max(high, value);
        }

        boolean isEmpty() {
            return low > high;
        }
    }
}
