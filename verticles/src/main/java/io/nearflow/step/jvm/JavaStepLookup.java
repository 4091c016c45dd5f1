package io.nearflow.step.jvm;

import io.nearflow.config.ConfigException;
import io.nearflow.step.JavaStep;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds the {@link JavaStep} for an instance: the named class, or the one implementation
 * registered through ServiceLoader for the step type. Each call returns a new object, so two
 * instances of one step type never share state by accident. Errors are config errors.
 */
public final class JavaStepLookup {
  private JavaStepLookup() {}

  public static JavaStep find(String type, Optional<String> className, ClassLoader loader) {
    JavaStep step = className.map(name -> byClass(name, loader)).orElseGet(() -> registered(type, loader));
    if (!type.equals(step.type())) {
      throw new ConfigException("step type '" + type + "': class " + step.getClass().getName()
          + " serves step type '" + step.type() + "'");
    }
    return step;
  }

  /** The step types ServiceLoader can see, sorted; for error messages and diagnostics. */
  public static List<String> registeredTypes(ClassLoader loader) {
    return providers(loader).stream().map(p -> p.get().type()).collect(Collectors.toCollection(TreeSet::new))
        .stream().toList();
  }

  private static JavaStep registered(String type, ClassLoader loader) {
    List<JavaStep> matches = providers(loader).stream().map(ServiceLoader.Provider::get)
        .filter(s -> type.equals(s.type())).toList();
    if (matches.isEmpty()) {
      throw new ConfigException("step type '" + type + "': no JavaStep registered for it (registered: "
          + String.join(", ", registeredTypes(loader)) + "); add it to META-INF/services/"
          + JavaStep.class.getName() + " or name its class with 'class'");
    }
    if (matches.size() > 1) {
      // Classpath order decides ServiceLoader order; refusing is better than a silent pick.
      throw new ConfigException("step type '" + type + "': several JavaSteps registered ("
          + matches.stream().map(s -> s.getClass().getName()).collect(Collectors.joining(", "))
          + "); name one with 'class'");
    }
    return matches.get(0);
  }

  private static List<ServiceLoader.Provider<JavaStep>> providers(ClassLoader loader) {
    try {
      return ServiceLoader.load(JavaStep.class, loader).stream().toList();
    } catch (ServiceConfigurationError e) {
      throw new ConfigException("cannot load registered JavaSteps: " + e.getMessage(), e);
    }
  }

  private static JavaStep byClass(String name, ClassLoader loader) {
    Class<?> cls;
    try {
      cls = Class.forName(name, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException("class '" + name + "': not found on the agent's class path", e);
    }
    if (!JavaStep.class.isAssignableFrom(cls)) {
      throw new ConfigException("class '" + name + "': does not implement " + JavaStep.class.getName());
    }
    try {
      return (JavaStep) cls.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigException("class '" + name + "': cannot create it with a public no-argument constructor: " + e, e);
    }
  }
}
