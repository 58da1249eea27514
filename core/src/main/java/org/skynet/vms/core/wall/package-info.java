/**
 * The video wall each operator last saved: a layout of 1, 4, 9 or 16 tiles and the camera shown in each
 * ({@link org.skynet.vms.core.wall.WallLayout}), kept per user by {@link org.skynet.vms.core.wall.WallStore}.
 * See {@code docs/design/video-wall.md}.
 */
package org.skynet.vms.core.wall;
