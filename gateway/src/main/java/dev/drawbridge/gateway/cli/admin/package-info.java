/**
 * The admin API from the shell: {@code drawbridge requests|approve|deny|grants|elevate|sessions}.
 */
package dev.drawbridge.gateway.cli.admin;
