package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SegmentThresholdsTests {

    private final SegmentThresholds thresholds = SegmentThresholds.DEFAULT;

    @Test
    void shouldSplitSegmentsAtFortyAndSeventy() {
        assertThat(thresholds.segmentOf(0)).isEqualTo(Segment.COLD);
        assertThat(thresholds.segmentOf(39)).isEqualTo(Segment.COLD);
        assertThat(thresholds.segmentOf(40)).isEqualTo(Segment.WARM);
        assertThat(thresholds.segmentOf(69)).isEqualTo(Segment.WARM);
        assertThat(thresholds.segmentOf(70)).isEqualTo(Segment.HOT);
        assertThat(thresholds.segmentOf(100)).isEqualTo(Segment.HOT);
    }

    @Test
    void shouldFollowConfiguredThresholds() {
        SegmentThresholds strict = new SegmentThresholds(90, 60);
        assertThat(strict.segmentOf(89)).isEqualTo(Segment.WARM);
        assertThat(strict.segmentOf(90)).isEqualTo(Segment.HOT);
        assertThat(strict.segmentOf(59)).isEqualTo(Segment.COLD);
    }

    @Test
    void shouldRefuseHotAtOrBelowWarm() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SegmentThresholds(40, 40));
        assertThatIllegalArgumentException().isThrownBy(() -> new SegmentThresholds(30, 40));
        assertThatIllegalArgumentException().isThrownBy(() -> new SegmentThresholds(101, 40));
    }

    @Test
    void shouldSayEachSegmentsScoresInWords() {
        assertThat(thresholds.rangeOf(Segment.HOT)).isEqualTo(">= 70");
        assertThat(thresholds.rangeOf(Segment.WARM)).isEqualTo("40-69");
        assertThat(thresholds.rangeOf(Segment.COLD)).isEqualTo("< 40");
        assertThat(new SegmentThresholds(90, 60).rangeOf(Segment.WARM)).isEqualTo("60-89");
    }
}
