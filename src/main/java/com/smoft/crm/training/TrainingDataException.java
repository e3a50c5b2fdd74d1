package com.smoft.crm.training;

/** Training data that cannot be trained on, with a message that says where and why. */
class TrainingDataException extends RuntimeException {

    TrainingDataException(String message) {
        super(message);
    }
}
