/**
 * The last stage: a plan spliced into the output as pieces of the input texts, so untouched text (a
 * large blob) is copied only when it is written. Not API.
 */
package org.mlirlink.write;
