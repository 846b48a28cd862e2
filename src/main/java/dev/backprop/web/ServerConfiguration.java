package dev.backprop.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat answers its own errors as problem+json too, written by the application's writer. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    @Bean
    TomcatContextCustomizer problemErrorReports(ProblemWriter problems) {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                // the host makes its valve from the class name when it starts (an instance added
                // beforehand is not the one that answers Tomcat's own 400s); then it gets the writer
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.addLifecycleListener(event -> {
                    if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ProblemErrorReportValve problemValve) {
                                problemValve.writeWith(problems);
                            }
                        }
                    }
                });
            }
        };
    }
}
