package dev.backprop.teaching;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link TeachingSettings}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TeachingSettings.class)
public class TeachingConfiguration {}
