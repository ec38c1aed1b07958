package io.vigil.job.metrics;

/** Least-squares line through (time, value) points, with its coefficient of determination. */
record LinearFit(double slopePerMilli, double intercept, double r2, long origin) {

    /** The fit, or null when there are fewer than 3 usable points or no spread in time. */
    static LinearFit of(long[] times, double[] values) {
        long origin = Long.MAX_VALUE;
        for (long t : times) {
            origin = Math.min(origin, t);
        }
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < times.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            double x = times[i] - origin;
            double y = values[i];
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
        }
        double varX = n * sxx - sx * sx;
        if (n < 3 || varX <= 0) {
            return null;
        }
        double slope = (n * sxy - sx * sy) / varX;
        double intercept = (sy - slope * sx) / n;
        double varY = n * syy - sy * sy;
        double r2 = varY <= 0 ? 0 : Math.pow(n * sxy - sx * sy, 2) / (varX * varY);
        return new LinearFit(slope, intercept, r2, origin);
    }

    double at(long time) {
        return intercept + slopePerMilli * (time - origin);
    }
}
