package io.edgeai.gateway.security;

import io.edgeai.gateway.config.Role;

/** An authenticated caller: the key's name (never the key) and its role. */
public record ApiKey(String name, Role role) {
}
