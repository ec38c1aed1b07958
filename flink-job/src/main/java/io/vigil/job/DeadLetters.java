package io.vigil.job;

import io.vigil.common.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every stage of the job sends its dead letters to (all go to the dead-letter sink). */
public final class DeadLetters {
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private DeadLetters() {}
}
