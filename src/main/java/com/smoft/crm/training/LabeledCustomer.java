package com.smoft.crm.training;

import com.smoft.crm.scoring.Customer;

/**
 * A customer from a history, with whether they converted.
 *
 * @param customer  the behaviour
 * @param converted whether the customer converted
 */
record LabeledCustomer(Customer customer, boolean converted) {}
