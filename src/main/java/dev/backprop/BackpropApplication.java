package dev.backprop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: the forward and backward pass of a multilayer perceptron, over HTTP. */
@SpringBootApplication
public class BackpropApplication {

    public static void main(String[] args) {
        SpringApplication.run(BackpropApplication.class, args);
    }
}
