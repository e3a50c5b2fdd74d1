package com.smoft.crm.scoring;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentCountsTests {

    @Test
    void shouldCountCustomersPerSegmentHotFirst() {
        SegmentCounts counts = new SegmentCounts();
        counts.add(Segment.COLD);
        counts.add(Segment.HOT);
        counts.add(Segment.COLD, 3);
        assertThat(counts.of(Segment.HOT)).isEqualTo(1);
        assertThat(counts.of(Segment.WARM)).isZero();
        assertThat(counts.of(Segment.COLD)).isEqualTo(4);
        assertThat(counts.total()).isEqualTo(5);
        assertThat(counts.byLabel()).containsExactly(entry("Hot", 1L), entry("Warm", 0L), entry("Cold", 4L));
    }

    @Test
    void shouldCountCustomersCountedPerScoreAtTheGivenThresholds() {
        int[] perScore = new int[101];
        perScore[39] = 2;
        perScore[40] = 3;
        perScore[79] = 5;
        perScore[80] = 7;
        SegmentCounts atDefault = SegmentCounts.ofScores(perScore, SegmentThresholds.DEFAULT);
        assertThat(atDefault.byLabel()).containsExactly(entry("Hot", 12L), entry("Warm", 3L), entry("Cold", 2L));
        SegmentCounts atEighty = SegmentCounts.ofScores(perScore, new SegmentThresholds(80, 41));
        assertThat(atEighty.byLabel()).containsExactly(entry("Hot", 7L), entry("Warm", 5L), entry("Cold", 5L));
    }
}
