package com.smoft.crm.csv;

import java.util.regex.Pattern;

/**
 * Cells that a spreadsheet would run as a formula, made inert as OWASP's CSV-injection rule says: a cell that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe, so
 * Excel and LibreOffice show it as text. A plain number ({@code -12}, {@code +5}, {@code -1 500,50}) stays a
 * number.
 */
public final class FormulaCells {

    /** What a spreadsheet starts a formula with. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    /**
     * A signed number with a decimal point or comma and spaces between thousands, nothing else. The web page's
     * download ({@code app.js}) applies the same rule, and reverses it to show the answer's cells as written.
     */
    private static final Pattern PLAIN_NUMBER =
            Pattern.compile("[+-]?(?:\\d+|\\d{1,3}(?:[ \u00A0\u202F]\\d{3})+)(?:[.,]\\d+)?");

    private FormulaCells() {}

    /** The cell as a spreadsheet may open it safely: unchanged, or with a leading apostrophe. */
    public static String neutralised(String cell) {
        if (cell == null
                || cell.isEmpty()
                || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0
                || (cell.length() <= 64 && PLAIN_NUMBER.matcher(cell).matches())) {
            return cell;
        }
        return "'" + cell;
    }
}
