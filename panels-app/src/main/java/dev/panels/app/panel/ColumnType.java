package dev.panels.app.panel;

/** How a column's value is typed, shown and filtered (the original's column types). */
public enum ColumnType {
    TEXT, NUMBER, DATE, DATETIME, BOOLEAN, SELECT, MULTI_SELECT, USER
}
