package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.config.AuthModes;
import dev.drawbridge.gateway.config.DataSizes;
import dev.drawbridge.gateway.config.Durations;
import dev.drawbridge.gateway.config.HostPort;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.config.UpstreamUrl;
import dev.drawbridge.gateway.config.UserSpec;
import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;

/** Flag value converters that reuse the config parsers, so flags and file accept the same text. */
final class Converters {

  private Converters() {}

  static void registerAll(CommandLine cli) {
    cli.registerConverter(HostPort.class, wrap(HostPort::parse));
    cli.registerConverter(UpstreamUrl.class, wrap(UpstreamUrl::parse));
    cli.registerConverter(UserSpec.class, wrap(UserSpec::parse));
    cli.registerConverter(AuthMode.class, wrap(AuthModes::parse));
    cli.registerConverter(PolicyMode.class, wrap(PolicyMode::parse));
    cli.registerConverter(Duration.class, wrap(Durations::parse));
  }

  /** A size flag ({@code 64MB}); declared per option because Long has a built-in converter. */
  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return DataSizes.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  private static <T> CommandLine.ITypeConverter<T> wrap(Function<String, T> parse) {
    return value -> {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    };
  }
}
