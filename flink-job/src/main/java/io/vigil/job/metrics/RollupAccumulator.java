package io.vigil.job.metrics;

/** What a window remembers of its events: counts by severity and kind, and each metric's stats. */
public class RollupAccumulator {
    public String hostGroup;
    public long events;
    public long metricEvents;
    public long authFailures;
    public long[] bySeverity = new long[4];
    public PercentStats cpu = new PercentStats();
    public PercentStats memory = new PercentStats();
    public RateStats netIn = new RateStats();
    public RateStats netOut = new RateStats();

    public RollupAccumulator() {}

    public void add(RollupPoint p) {
        events++;
        bySeverity[p.severity]++;
        if (p.hostGroup != null) {
            hostGroup = p.hostGroup;
        }
        if (!p.metric) {
            if (p.authFailure) {
                authFailures++;
            }
            return;
        }
        metricEvents++;
        cpu.add(p.cpu);
        memory.add(p.memory);
        netIn.add(p.netIn);
        netOut.add(p.netOut);
    }

    /** Adds the sums of later events ({@code o}) to these. */
    public RollupAccumulator merge(RollupAccumulator o) {
        events += o.events;
        metricEvents += o.metricEvents;
        authFailures += o.authFailures;
        for (int i = 0; i < 4; i++) {
            bySeverity[i] += o.bySeverity[i];
        }
        // the later events' group, as add() keeps it
        hostGroup = o.hostGroup != null ? o.hostGroup : hostGroup;
        cpu.merge(o.cpu);
        memory.merge(o.memory);
        netIn.merge(o.netIn);
        netOut.merge(o.netOut);
        return this;
    }

    public MetricRollup toRollup(String host, String interval, long windowStart) {
        MetricRollup r = new MetricRollup();
        r.host = host;
        r.hostGroup = hostGroup;
        r.interval = interval;
        r.windowStart = windowStart;
        r.samples = metricEvents;
        r.cpuSamples = cpu.samples;
        r.cpuSum = cpu.sum;
        r.cpuMin = cpu.minOrNaN();
        r.cpuMax = cpu.maxOrNaN();
        r.cpuP95 = cpu.p95();
        r.memorySamples = memory.samples;
        r.memorySum = memory.sum;
        r.memoryMin = memory.minOrNaN();
        r.memoryMax = memory.maxOrNaN();
        r.memoryP95 = memory.p95();
        r.netInSamples = netIn.samples;
        r.netInSum = netIn.sum;
        r.netInMax = netIn.max;
        r.netOutSamples = netOut.samples;
        r.netOutSum = netOut.sum;
        r.netOutMax = netOut.max;
        r.eventsBySeverity = bySeverity.clone();
        r.metricEvents = metricEvents;
        r.otherEvents = events - metricEvents;
        r.authFailures = authFailures;
        return r;
    }
}
