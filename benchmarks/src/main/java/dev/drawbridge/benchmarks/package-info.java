/**
 * JMH benchmarks. Build with {@code ./mvnw -pl benchmarks -am package -DskipTests}, run with {@code
 * java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.drawbridge.benchmarks;
