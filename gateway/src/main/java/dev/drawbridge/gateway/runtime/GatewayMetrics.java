package dev.drawbridge.gateway.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/** The gateway's own meter names, and the JVM and process meters it publishes. */
public final class GatewayMetrics implements AutoCloseable {

  /** 1, tagged with the version: lets dashboards show which build runs. */
  public static final String BUILD_INFO = "drawbridge.build.info";

  /** 1 while the gateway is ready (proxy bound, upstream reachable at the last check), else 0. */
  public static final String READY = "drawbridge.gateway.ready";

  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** Registers JVM, process and build meters. */
  public GatewayMetrics(MeterRegistry registry, String version) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    Gauge.builder(BUILD_INFO, () -> 1)
        .description("Drawbridge build information")
        .tag("version", version)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
  }
}
