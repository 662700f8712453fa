package kindred.model;

/** Who made a face or an assignment. Only {@link #AUTO} ones may be changed by automatic passes. */
public enum Source {
    AUTO, MANUAL, IMPORTED;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
