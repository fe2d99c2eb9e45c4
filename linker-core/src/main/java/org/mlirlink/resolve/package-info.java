/**
 * The second stage: which definitions a link needs, under which names, with which text edits (a
 * link plan or a bundle plan). It reads the model and never writes text. Not API.
 */
package org.mlirlink.resolve;
