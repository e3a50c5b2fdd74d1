package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCsvReaderTests {

    private static final String HEADER = "customer_id,days_since_last_contact,total_contacts,total_spent,"
            + "emails_sent,emails_opened,website_visits,customer_age_days,converted\n";

    private static List<LabeledCustomer> read(String csv) throws IOException {
        return HistoryCsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "history.csv");
    }

    @Test
    void shouldReadColumnsInAnyOrderAndIgnoreOthers() throws IOException {
        List<LabeledCustomer> history = read("""
                converted,notes,customer_age_days,website_visits,emails_opened,emails_sent,total_spent,total_contacts,days_since_last_contact,customer_id
                oui,"called, twice",120,15,6,8,1500.50,10,5,1
                0,,30,0,0,0,0,1,90,2
                """);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).converted()).isTrue();
        assertThat(history.get(0).customer().totalSpent()).isEqualTo(1500.50);
        assertThat(history.get(0).customer().emailsOpened()).isEqualTo(6);
        assertThat(history.get(1).customer().daysSinceLastContact()).isEqualTo(90);
        assertThat(history.get(1).converted()).isFalse();
    }

    @Test
    void shouldAcceptEveryWayOfWritingConverted() throws IOException {
        String rows = String.join(
                "",
                List.of("1", "true", "YES", "Oui", "0", "false", "no", "NON").stream()
                        .map(label -> "1,5,10,100,8,6,15,120," + label + "\n")
                        .toList());
        assertThat(read(HEADER + rows).stream().map(LabeledCustomer::converted).toList())
                .containsExactly(true, true, true, true, false, false, false, false);
    }

    @Test
    void shouldNameLineColumnAndValueOfABadRow() {
        String csv = HEADER + "1,5,10,100,8,6,15,120,1\n" + "2,5,-3,100,8,6,15,120,0\n";
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(csv))
                .withMessageStartingWith("history.csv has 1 bad row; nothing was trained.")
                .withMessageContaining("line 3, column total_contacts: value '-3' must be greater than or equal to 0");
    }

    @Test
    void shouldListEveryBadRowOfAFrenchWindows1252ExportInOneRun() {
        StringBuilder csv = new StringBuilder("Société;customer_id;days_since_last_contact;total_contacts;total_spent;"
                + "emails_sent;emails_opened;website_visits;customer_age_days;converted\r\n");
        for (int i = 1; i <= 60; i++) {
            String row = "Crémerie " + i + ";CUST-" + i + ";5;10;1 500,50;8;6;15;120;" + (i % 2 == 0 ? "oui" : "non");
            row = switch (i) {
                case 7 -> row.replace(";1 500,50;", ";mille;");
                case 19 -> row.replace(";10;", ";-4;");
                case 30 -> row.replace(";oui", ";peut-être");
                case 44 -> row.replace(";8;6;", ";8,5;6;");
                case 58 -> row.replace(";120;", ";;");
                default -> row;
            };
            csv.append(row).append("\r\n");
        }
        byte[] windows1252 = csv.toString().getBytes(Charset.forName("windows-1252"));
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> HistoryCsvReader.read(new ByteArrayInputStream(windows1252), "export.csv"))
                .withMessageStartingWith("export.csv has 5 bad rows; nothing was trained.")
                .withMessageContaining("line 8, column total_spent: value 'mille'")
                .withMessageContaining("line 20, column total_contacts: value '-4'")
                .withMessageContaining(
                        "line 31, column converted: value 'peut-être' must be one of 0/1, true/false, yes/no, oui/non")
                .withMessageContaining("line 45, column emails_sent: value '8,5'")
                .withMessageContaining("line 59, column customer_age_days");
    }

    @Test
    void shouldListTheFirstThousandProblemsAsTheApiDoesAndCountEveryBadRow() {
        String csv = HEADER + "1,5,10,100,8,6,15,120,1\n".repeat(10) + "2,5,-3,100,8,6,15,120,0\n".repeat(1500);
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(csv))
                .withMessageStartingWith("history.csv has 1500 bad rows")
                .withMessageContaining(
                        "line 1011, column total_contacts: value '-3' must be greater than or equal to 0")
                .withMessageNotContaining("line 1012,")
                .withMessageContaining("only the first 1000 of 1500 problems are listed");
    }

    @Test
    void shouldRefuseFractionalCountsAndUnreadableNumbers() {
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(HEADER + "1,5.7,10,100,8,6,15,120,1\n"))
                .withMessageContaining("line 2, column days_since_last_contact: value '5.7'");
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(HEADER + "1,5,10,abc,8,6,15,120,1\n"))
                .withMessageContaining("line 2, column total_spent: value 'abc' must be a number");
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(HEADER + "1,5,10,NaN,8,6,15,120,1\n"))
                .withMessageContaining("column total_spent");
    }

    @Test
    void shouldRefuseAnUnknownLabelButReadMoreOpensThanSends() throws Exception {
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(HEADER + "1,5,10,100,8,6,15,120,maybe\n"))
                .withMessageContaining("line 2, column converted: value 'maybe'");
        assertThat(read(HEADER + "1,5,10,100,8,9,15,120,1\n")
                        .getFirst()
                        .customer()
                        .emailsOpened())
                .isEqualTo(9);
    }

    @Test
    void shouldNameMissingColumnsAndShortRows() {
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read("customer_id,total_spent,converted\n1,2,1\n"))
                .withMessageContaining("lacks the column(s) days_since_last_contact, total_contacts");
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> read(HEADER + "1,5,10,100,8,6,15,120,1\n2,5,10\n"))
                .withMessageContaining("line 3: value '2,5,10' holds 3 values where the header names 9");
    }
}
