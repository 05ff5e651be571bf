package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import jakarta.json.JsonObject;

import java.util.Set;

/** A view's editable fields, checked against the panel's columns. */
public record ViewDraft(String name, RowType rowType, Visibility visibility, ViewDefinition definition) {

    public static ViewDraft from(JsonObject body, Set<String> columnKeys) {
        InvalidInput.body(body);
        InvalidInput errors = new InvalidInput();
        String name = errors.text(PanelDraft.string(body, "name", errors), "name", PanelView.MAX_NAME);
        RowType rowType = errors.enumValue(RowType.class, PanelDraft.string(body, "rowType", errors), "rowType");
        String visibilityText = PanelDraft.string(body, "visibility", errors);
        Visibility visibility = errors.enumValue(Visibility.class, visibilityText == null ? "private" : visibilityText, "visibility");
        ViewDefinition definition = ViewDefinition.parse(body.get("definition"), columnKeys, errors);
        errors.throwIfAny();
        return new ViewDraft(name, rowType, visibility, definition);
    }
}
