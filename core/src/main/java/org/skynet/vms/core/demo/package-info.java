/**
 * Sample data for {@code vms demo}: a deterministic set of cameras in Dongguan districts, loaded
 * into an empty registry so that a first start shows a populated map.
 */
package org.skynet.vms.core.demo;
