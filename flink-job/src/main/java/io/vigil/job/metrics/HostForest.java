package io.vigil.job.metrics;

import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;

/**
 * A host's Random Cut Forest as {@link MetricAnomalies} keeps it in state: the live model, and
 * its serialized form while the model is unchanged, so a checkpoint converts only the forests
 * that learned something since the checkpoint before (see {@link ForestSerializer}).
 */
public final class HostForest {
    final ThresholdedRandomCutForest model;
    /** The model's bytes, or null once it changed since they were made. */
    byte[] bytes;

    HostForest(ThresholdedRandomCutForest model, byte[] bytes) {
        this.model = model;
        this.bytes = bytes;
    }

    /** Scores and learns the point (which changes the model). */
    AnomalyDescriptor process(double[] point, long time) {
        bytes = null;
        return model.process(point, time);
    }
}
