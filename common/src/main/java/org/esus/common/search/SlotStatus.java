package org.esus.common.search;

/** The Slot.status codes (R4 value set slotstatus), the only values {@code status} accepts. */
public enum SlotStatus {
    FREE("free"),
    BUSY("busy"),
    BUSY_UNAVAILABLE("busy-unavailable"),
    BUSY_TENTATIVE("busy-tentative"),
    ENTERED_IN_ERROR("entered-in-error");

    private final String code;

    SlotStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The status with this exact code; anything else is a 400 naming {@code parameter}. */
    public static SlotStatus fromCode(String parameter, String code) {
        for (SlotStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw SearchValues.badValue(parameter, code,
                "is not a Slot status (free, busy, busy-unavailable, busy-tentative, entered-in-error)");
    }
}
