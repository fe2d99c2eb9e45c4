/**
 * What a link read and linked, from where and why: {@link org.mlirlink.report.LinkReport} and the
 * formats build tools read (Make rule, link map, JSON, the chain behind one symbol). Public API.
 */
package org.mlirlink.report;
