package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProblemListTests {

    @Test
    void shouldListTheFirstThousandInTheOrderFoundAndCountThemAll() {
        ProblemList<RecordProblem> problems = new ProblemList<>();
        IntStream.rangeClosed(1, 2500).forEach(line -> problems.add(RecordProblem.missing(line, "total_spent")));

        assertThat(problems.total()).isEqualTo(2500);
        assertThat(problems.listed()).hasSize(ProblemList.MAX_LISTED);
        assertThat(problems.listed())
                .extracting(RecordProblem::position)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 1000).mapToObj(Long::valueOf).toList());
        assertThat(problems.truncated()).isTrue();
    }

    @Test
    void shouldCountWhatAnotherListLeftUnlistedWithoutListingIt() {
        ProblemList<String> rows = new ProblemList<>();
        rows.addAll(List.of("line 2", "line 3"));
        rows.countUnlisted(40);

        assertThat(rows.listed()).containsExactly("line 2", "line 3");
        assertThat(rows.total()).isEqualTo(42);
        assertThat(rows.truncated()).isTrue();
    }

    @Test
    void shouldCountTheProblemsOfRowsBeyondTheCapToo() {
        ProblemList<List<String>> rows = new ProblemList<>(List::size);
        IntStream.range(0, 1500).forEach(row -> rows.add(List.of("a", "b", "c")));

        assertThat(rows.problems()).isEqualTo(4500);
        assertThat(rows.listedProblems()).isEqualTo(3000);
    }

    @Test
    void shouldBeEmptyAndWholeUntilSomethingIsAdded() {
        ProblemList<RecordProblem> problems = new ProblemList<>();
        assertThat(problems.isEmpty()).isTrue();
        assertThat(problems.truncated()).isFalse();
        problems.add(RecordProblem.negative(7, "emails_sent", "-1"));
        assertThat(problems.isEmpty()).isFalse();
        assertThat(problems.truncated()).isFalse();
        assertThat(problems.listed())
                .singleElement()
                .extracting(RecordProblem::code)
                .isEqualTo(RecordProblem.Code.OUT_OF_RANGE);
    }
}
