package com.smoft.crm.system;

/** A setting that would make the service run other than its operator meant; the start stops with this message. */
class InvalidSettingException extends RuntimeException {

    InvalidSettingException(String message) {
        super(message);
    }
}
