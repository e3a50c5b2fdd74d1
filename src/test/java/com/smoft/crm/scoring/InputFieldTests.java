package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputFieldTests {

    @Test
    void shouldFindEveryFieldInAFrenchExportsOwnColumnNames() {
        List<String> header = List.of(
                "Nom",
                "N° client",
                "Jours depuis le dernier contact",
                "Nb contacts",
                "Montant dépensé (€)",
                "E-mails envoyés",
                "Emails ouverts",
                "Visites sur le site",
                "Ancienneté (jours)",
                "Téléphone");
        assertThat(InputField.columnsOf(header))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        InputField.CUSTOMER_ID,
                        1,
                        InputField.DAYS_SINCE_LAST_CONTACT,
                        2,
                        InputField.TOTAL_CONTACTS,
                        3,
                        InputField.TOTAL_SPENT,
                        4,
                        InputField.EMAILS_SENT,
                        5,
                        InputField.EMAILS_OPENED,
                        6,
                        InputField.WEBSITE_VISITS,
                        7,
                        InputField.CUSTOMER_AGE_DAYS,
                        8));
    }

    @Test
    void shouldFindEnglishNamesInAnyCaseAndSpacing() {
        List<String> header = List.of(
                "Customer ID",
                "Days Since Last Contact",
                "Number of contacts",
                "Total Spent",
                "Emails Sent",
                "Emails Opened",
                "Website Visits",
                "Customer Age (days)");
        assertThat(InputField.columnsOf(header))
                .hasSize(8)
                .containsEntry(InputField.CUSTOMER_ID, 0)
                .containsEntry(InputField.CUSTOMER_AGE_DAYS, 7);
    }

    @Test
    void shouldPreferTheKeyToAnotherNameAndNeverGiveOneColumnTwoFields() {
        List<String> header = List.of("ID", "customer_id", "montant", "total_spent", "visites");
        var columns = InputField.columnsOf(header);
        assertThat(columns)
                .containsEntry(InputField.CUSTOMER_ID, 1)
                .containsEntry(InputField.TOTAL_SPENT, 3)
                .containsEntry(InputField.WEBSITE_VISITS, 4);
        assertThat(columns.values()).doesNotHaveDuplicates();
    }

    @Test
    void shouldNormaliseAccentsPunctuationSmallWordsAndPlurals() {
        assertThat(InputField.normalisedName("  Ancienneté (jours) ")).isEqualTo("anciennete jour");
        assertThat(InputField.normalisedName("Ancienneté (j)")).isEqualTo("anciennete jour");
        assertThat(InputField.columnsOf(List.of("N° client", "Ancienneté (j)", "Récence (j)")))
                .containsEntry(InputField.CUSTOMER_AGE_DAYS, 1)
                .containsEntry(InputField.DAYS_SINCE_LAST_CONTACT, 2);
        assertThat(InputField.normalisedName("N° Client")).isEqualTo(InputField.normalisedName("Numéro client"));
        assertThat(InputField.normalisedName("Nb de contacts")).isEqualTo(InputField.normalisedName("nombre contacts"));
        assertThat(InputField.normalisedName("e-mails envoyés")).isEqualTo("email envoye");
        assertThat(InputField.columnsOf(List.of("Nom", "Société", "Téléphone"))).isEmpty();
    }

    @Test
    void shouldDeclareEachFieldsLimits() {
        assertThat(InputField.CUSTOMER_ID.minimum()).isNull();
        assertThat(InputField.CUSTOMER_ID.maxLength()).isEqualTo(CustomerId.MAX_TEXT_LENGTH);
        assertThat(InputField.TOTAL_CONTACTS.minimum()).isZero();
        assertThat(InputField.TOTAL_CONTACTS.maximum()).isNull();
        assertThat(InputField.TOTAL_CONTACTS.maxLength()).isNull();
        assertThat(InputField.TOTAL_SPENT.minimum()).isZero();
        assertThat(InputField.TOTAL_SPENT.maximum()).isEqualTo(InputField.MAX_AMOUNT);
        assertThat(InputField.NOT_AN_ID)
                .isEqualTo("must be a whole number >= 0 or a text of 1 to 64 printable characters");
    }

    @Test
    void shouldNameTheContractsKeyInTheCustomersRefusals() {
        for (InputField count :
                List.of(InputField.DAYS_SINCE_LAST_CONTACT, InputField.EMAILS_OPENED, InputField.CUSTOMER_AGE_DAYS)) {
            int[] values = {0, 0, 0, 0, 0, 0};
            int position = switch (count) {
                case DAYS_SINCE_LAST_CONTACT -> 0;
                case EMAILS_OPENED -> 3;
                default -> 5;
            };
            values[position] = -1;
            assertThatIllegalArgumentException()
                    .isThrownBy(
                            () -> new Customer(1, values[0], values[1], 0, values[2], values[3], values[4], values[5]))
                    .withMessageStartingWith(count.key() + " must be >= 0");
        }
    }

    @Test
    void shouldListEachOtherNameOnceAsAPersonWritesIt() {
        assertThat(InputField.CUSTOMER_AGE_DAYS.names())
                .contains("ancienneté jours")
                .doesNotContain("anciennete jour");
        assertThat(InputField.TOTAL_CONTACTS.names()).contains("total contacts").doesNotContain("total contact");
        for (InputField field : InputField.values()) {
            assertThat(field.names().stream().map(InputField::normalisedName))
                    .as(field + ": no two names read the same")
                    .doesNotHaveDuplicates();
            for (String name : field.names()) {
                assertThat(InputField.columnsOf(List.of(name.toUpperCase(Locale.ROOT))))
                        .as(field + " read from " + name)
                        .containsEntry(field, 0);
            }
        }
    }

    @Test
    void shouldReadANameThroughInvisibleCharacters() {
        assertThat(InputField.columnsOf(List.of("custo\u200bmer\u00ad_id", "Nb\u2060 contacts")))
                .containsEntry(InputField.CUSTOMER_ID, 0)
                .containsEntry(InputField.TOTAL_CONTACTS, 1);
    }
}
