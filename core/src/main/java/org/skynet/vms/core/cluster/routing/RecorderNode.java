package org.skynet.vms.core.cluster.routing;

/**
 * A recorder node as core addresses it: its id and the base URL from {@code recorder_nodes.url}.
 *
 * @param id   {@code recorder_nodes.node_id}
 * @param url  base URL such as {@code http://10.0.0.7:8090}, without a trailing slash
 */
public record RecorderNode(String id, String url) {
    public RecorderNode {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "recorder node " + id + " (" + url + ")";
    }
}
