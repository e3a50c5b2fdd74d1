package com.smoft.crm.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A batch of customers: {@code {"clients": [...]}}.
 *
 * @param clients the customers, scored in this order
 * @param explain whether to add the reasons of each score (costlier)
 */
record BatchRequest(@NotNull(message = CustomerRequest.REQUIRED) @NotEmpty(message = "must hold at least one customer")
                    List<@NotNull(message = "must be a customer object, not null") @Valid CustomerRequest> clients,
                    Boolean explain) {
}
