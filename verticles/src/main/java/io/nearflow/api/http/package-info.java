/**
 * The HTTP API's routes, one class per resource family, each route a private method that reads
 * the request, calls {@code api.core} and answers JSON. Every error goes out through
 * {@link io.nearflow.api.ApiErrors}. Keep {@code nearflow/openapi.yaml} in step with these routes.
 */
package io.nearflow.api.http;
