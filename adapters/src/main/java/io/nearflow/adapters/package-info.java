/** Data adapters. */
package io.nearflow.adapters;
