package com.smoft.crm.api;

/** A body that is not the expected JSON shape at all: answered 400. */
class MalformedBodyException extends RuntimeException {

    MalformedBodyException(String message) {
        super(message);
    }
}
