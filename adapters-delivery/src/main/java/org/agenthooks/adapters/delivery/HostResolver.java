package org.agenthooks.adapters.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name or address literal into its addresses; the system resolver, unless a test scripts one. */
@FunctionalInterface
interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
